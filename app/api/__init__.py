"""The HTTP layer: routers, parameters, problem answers, caching headers and the docs pages."""
