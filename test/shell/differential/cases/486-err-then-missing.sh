if true; echo x; fi
