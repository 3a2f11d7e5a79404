printf '%g %g %g %g\n' 100000 1000000 0.0001 0.00001
printf '%G\n' 1e-10
