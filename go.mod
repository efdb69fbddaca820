module github.com/dyad-events/dyad

go 1.26
