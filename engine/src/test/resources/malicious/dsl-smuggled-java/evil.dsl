[when]there is an escape=$e : EscapeFact()
[then]save the evidence=java.nio.file.Files.writeString(java.nio.file.Path.of("@MARKER@"), "pwned");
[then]report it=insert(Hits.hit(drools, $e, "payload ran", $e));
