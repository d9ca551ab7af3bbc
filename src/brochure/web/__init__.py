"""The counsellors' web page (`brochure serve`): choose careers, set the brand, preview the
real PDFs and download them, on the counsellor's own computer."""
