module github.com/spaolacci/murmur3

go 1.16
