"""The logic of Consult, free of Flask requests: services take a session, flush, never commit."""
