"""Licences and registrations (营业执照、食品经营许可证、特种设备使用登记) with their expiry."""
