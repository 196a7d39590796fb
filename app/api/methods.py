"""HEAD, OPTIONS and the `Allow` header, for every path of the app.

FastAPI routes answer the methods they declare only. This middleware, outside the caching
middleware, answers `HEAD` as `GET` without the body (the same status and headers, `ETag` and
`Content-Length` included), `OPTIONS` with `204` and `Allow` listing every method of the path,
and gives each 405 an `Allow` that lists every method of the path, not only those of the first
route that matched it (`/api/v1/articles` is GET and POST)."""

from starlette.datastructures import MutableHeaders
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The methods a route may declare; HEAD and OPTIONS are answered here for every GET path.
DECLARED = ("GET", "POST", "PUT", "PATCH", "DELETE")
ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """Every method some route of `routes` answers at the path of `scope`, HEAD beside GET
    and OPTIONS added; empty when no route has the path. Each route is asked whether it fully
    matches the path with each method (a router of included routes answers for them)."""
    methods = {
        method
        for route in routes
        # A mount of static files matches any method and answers GET (and HEAD) only.
        for method in (("GET",) if isinstance(route, Mount) else DECLARED)
        if route.matches({**scope, "method": method})[0] is Match.FULL
    }
    if not methods:
        return []
    if "GET" in methods:
        methods.add("HEAD")
    methods.add("OPTIONS")
    return sorted(methods, key=ORDER.index)


class HttpMethods:
    """HEAD as GET without a body, OPTIONS with `Allow`, and a full `Allow` on each 405."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method == "OPTIONS":
            allow = allowed_methods(self.routes, scope)
            if allow:
                start = {"type": "http.response.start", "status": 204, "headers": _allow(allow)}
                await send(start)
                await send({"type": "http.response.body", "body": b""})
                return
        head = method == "HEAD"
        # The router updates `scope` in place as it routes (a mount's root_path): the methods
        # of the path are those of the request as it came.
        asked = dict(scope)

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                if message["status"] == 405 and (allow := allowed_methods(self.routes, asked)):
                    MutableHeaders(scope=message)["Allow"] = ", ".join(allow)
                await send(message)
            elif not head:
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b""})

        await self.app({**scope, "method": "GET"} if head else scope, receive, answer)


def _allow(methods: list[str]) -> list[tuple[bytes, bytes]]:
    return [(b"allow", ", ".join(methods).encode()), (b"content-length", b"0")]
