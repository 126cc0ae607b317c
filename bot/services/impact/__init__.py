"""The impact report: measures for a period, one module per family, with the suppression rule applied once."""
