"""SQLAlchemy models, repositories returning bot values, migrations, Cognito trigger."""
