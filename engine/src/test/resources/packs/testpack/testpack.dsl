# DSL vocabulary of the test pack
[when]there is a slow call to {callee}=$c : SlowCall(callee == "{callee}")
[when]there is a slow call=$c : SlowCall()
[when]- costing more than {n} ns=nanos > {n}
[then]report the slow call=insert(Hits.hit(drools, $c, "slow call to " + $c.callee(), $c));
