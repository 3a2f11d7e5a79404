mkdir -p a/b
cd a/b
pwd | sed "s#^$HOME#HOME#"
cd ..
pwd | sed "s#^$HOME#HOME#"
cd -  | sed "s#^$HOME#HOME#"
cd
pwd | sed "s#^$HOME#HOME#"
