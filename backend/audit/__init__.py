"""Audit trail (痕迹管理): every write, by whom, when and what."""
