"""A fake Česká spořitelna: the Accounts API v3 and its OAuth2 endpoints over real HTTP, with
a customer, three accounts and a year of generated transactions. The demo and the tests use
it; it is never part of a production deployment."""
