mkdir -p a/b/c
cd a/b/c
cd ../..
pwd | sed "s#$HOME#~#"
