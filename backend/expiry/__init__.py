"""Expiry warnings (到期预警): notices before licences and health certificates lapse, tasks after."""
