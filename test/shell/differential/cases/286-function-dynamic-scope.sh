x=global
outer() { local x=outer; inner; }
inner() { echo $x; x=changed; }
outer
echo $x
