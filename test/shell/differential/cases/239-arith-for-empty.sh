for ((;;)); do echo once; break; done
