echo data > src
cat < src > dst
cat dst
