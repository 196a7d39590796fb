"""What every layer stands on: settings, the database engine and model, text keys."""
