true & echo fg
wait
