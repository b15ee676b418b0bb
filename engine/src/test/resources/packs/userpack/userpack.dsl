# userpack DSL
[when]a function cannot be inlined=$i : InlineFact(kind == "cannot-inline")
[when]- because it is too complex=reasonKind == "too-complex"
[then]report "{msg}"=insert(Hits.hit(drools, $i, "{msg}: " + $i.target() + " costs " + $i.cost(), Hits.matched(drools)));
