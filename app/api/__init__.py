"""HTTP: FastAPI app factory, routes, auth and the one error-to-response mapping."""
