"""HTTP caching of the read-only API: the database is read-mostly, written by ingestion.

`cache.ResponseCache` keeps whole answers under the data version of `versions` (shared between
the workers of one server by `shared`); `middleware.CachingMiddleware` adds the entity tags of
`etag` and the paging links to every JSON answer, cached or not.
"""
