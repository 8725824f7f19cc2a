"""The Analytics page and the charts it draws."""
