"""The Analytics page: the portfolio's figures, tables and charts."""
