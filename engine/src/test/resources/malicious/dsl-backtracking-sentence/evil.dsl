[when].*a.*a.*a.*a.*a.*a.*a.*a.*a.*a.*a.*a.*a.*a.*ab=$e : EscapeFact()
[then]report it=insert(Hits.hit(drools, $e, "payload ran", $e));
