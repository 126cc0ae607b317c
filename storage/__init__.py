"""Storage: SQLAlchemy models, engine and unit-of-work sessions, Alembic migrations."""
