"""Fit and draw: the only stage that uses reportlab. fit decides every size and line;
draw puts the fitted plan on PDF pages."""
