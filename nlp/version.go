package nlp

// Version is the model's version as stored events are stamped with it
// (dyad.Coding.Model): the training data and when the model was trained,
// so that `dyad recode` can tell the events another model coded.
func (i ModelInfo) Version() string {
	if i.Treebank == "" && i.Trained == "" {
		return "unknown"
	}
	return i.Treebank + "@" + i.Trained
}
