printf '[%.0s]\n' abc
printf '[%10.2s]\n' abc
