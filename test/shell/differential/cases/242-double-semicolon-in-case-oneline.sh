case b in a) echo A;; b) echo B;; esac
