"""Importers: read files exactly as their publishers ship them into the project's tables.

- `oews`: BLS OEWS national and state workbooks, and BLS's flat text files;
- `projections`: BLS Employment Projections `occupation.xlsx`, Table 1.2;
- `onet`: O*NET database files, tab-separated text or Excel;
- `report`: what an import changed for the project's careers.
"""
