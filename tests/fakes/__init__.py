"""Local fakes of remote APIs (real HTTP on 127.0.0.1, in a thread), reusable by any tests."""
