shopt -s nullglob
for f in *.none; do echo "got $f"; done
echo end
shopt nullglob
shopt -u nullglob
echo *.none
