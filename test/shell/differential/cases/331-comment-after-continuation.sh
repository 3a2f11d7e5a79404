echo a \
  b # comment
