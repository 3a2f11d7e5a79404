mkdir -p d/e
cd d/e
echo ../*
