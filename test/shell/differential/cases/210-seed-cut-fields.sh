echo "root:x:0:0:root:/root:/bin/bash" | cut -d: -f1,7
