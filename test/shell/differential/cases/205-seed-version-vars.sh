VERSION=1.33
MINOR=${VERSION#*.}
echo "v$VERSION minor=$MINOR next=1.$((MINOR+1))"
