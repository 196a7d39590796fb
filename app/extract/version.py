"""A fingerprint of the extractor's code and lexicons, stored with each article.

When the extractor changes (a new release, an edited lexicon), re-ingesting an article whose text
is unchanged replaces its old extraction instead of keeping it forever.
"""

import hashlib
from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(_ROOT.rglob("*")):
        if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


EXTRACTOR_VERSION = _fingerprint()
