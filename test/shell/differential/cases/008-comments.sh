# a comment
echo a # trailing comment
echo b#notcomment
  # indented
echo '#' "#"
