"""The public profile (全科档案): one precomputed document per business that the QR page reads."""
