case a in
  # comment
  a) echo a;; # trailing
esac
