"""The questionnaire: the questions and the front ends that ask them."""
