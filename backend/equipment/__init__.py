"""Special equipment (特种设备): elevators and the like, their public QR page and fault reports."""
