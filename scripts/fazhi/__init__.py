"""fazhi: an open-data portal for China's annual rule-of-law government reports (法治政府建设年度报告)."""

__version__ = "0.1.0"
