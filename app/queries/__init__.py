"""All SQL of the API, one module per resource; routers call these and shape the answer."""
