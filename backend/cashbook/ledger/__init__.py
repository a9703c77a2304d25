"""The ledger's write path: every transaction is stored through `ledger.service`."""
