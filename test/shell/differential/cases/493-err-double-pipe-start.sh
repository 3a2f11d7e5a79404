|| echo x
