bash -c 'f() { nosuch; }; f'
