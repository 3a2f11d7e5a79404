IFS=: read user pw uid rest <<< "root:x:0:0:root:/root:/bin/bash"
echo $user $uid $rest
