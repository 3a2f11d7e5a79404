my-func() { echo dash ok; }
my-func
