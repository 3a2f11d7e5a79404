printf '#!/bin/bash\necho "args: $@"\nexit 4\n' > s.sh
chmod +x s.sh
./s.sh x y
echo $?
bash s.sh z
