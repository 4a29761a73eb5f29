"""Businesses (市场主体): identity, trade, address and district of every supervised subject."""
